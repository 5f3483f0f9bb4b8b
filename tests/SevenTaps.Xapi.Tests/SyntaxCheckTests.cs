using SevenTaps.Xapi;

namespace SevenTaps.Xapi.Tests;

/// <summary>The building blocks: language tags, IRIs, UUIDs, mbox, versions.</summary>
public class SyntaxCheckTests
{
    [Theory]
    [InlineData("en", true)]
    [InlineData("en-US", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("es-419", true)]
    [InlineData("sl-rozaj-biske", true)]
    [InlineData("x-whatever", true)]
    [InlineData("i-klingon", true)]
    [InlineData("EN-us", true)]
    [InlineData("en_US", false)]
    [InlineData("en-", false)]
    [InlineData("e", false)]
    [InlineData("english language", false)]
    [InlineData("en-US-x", false)]
    [InlineData("", false)]
    public void Language_tags_follow_rfc_5646(string tag, bool valid) => Assert.Equal(valid, LanguageTag.IsValid(tag));

    [Theory]
    [InlineData("http://adlnet.gov/expapi/verbs/completed", true)]
    [InlineData("https://example.com/xapi/verbs#defenestrated", true)]
    [InlineData("urn:uuid:7d3e2b8c-1a2b-4c5d-8e9f-0a1b2c3d4e5f", true)]
    [InlineData("http://example.com/فعل/خواندن", true)]
    [InlineData("http://example.com/a%20b", true)]
    [InlineData("completed", false)]
    [InlineData("/relative/path", false)]
    [InlineData("http://", false)]
    [InlineData("http://example.com/a b", false)]
    [InlineData("http://example.com/%zz", false)]
    [InlineData("1http://example.com", false)]
    [InlineData("mailto:", false)]
    public void Iris_need_a_scheme_and_valid_characters(string iri, bool valid) => Assert.Equal(valid, XapiIri.IsValidIri(iri));

    [Theory]
    [InlineData("fd41c918-b88b-4b20-a0a5-a4c32391aaa0", true)]
    [InlineData("FD41C918-B88B-4B20-A0A5-A4C32391AAA0", true)]
    [InlineData("00000000-0000-0000-0000-000000000000", true)]
    [InlineData("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}", false)]
    [InlineData("fd41c918-b88b-4b20-a0a5-a4c32391aaa", false)]
    public void Uuids_use_the_standard_string_form(string uuid, bool valid) => Assert.Equal(valid, XapiUuid.IsValid(uuid));

    [Theory]
    [InlineData("mailto:xapi@adlnet.gov", true)]
    [InlineData("MAILTO:xapi@adlnet.gov", true)]
    [InlineData("mailto:first.last+tag@sub.example.co.uk", true)]
    [InlineData("mailto:xapi@adlnet.gov?subject=hi", false)]
    [InlineData("mailto:@adlnet.gov", false)]
    [InlineData("mailto:xapi@.gov", false)]
    [InlineData("xapi@adlnet.gov", false)]
    public void Mbox_is_a_mailto_iri_with_one_address(string mbox, bool valid) => Assert.Equal(valid, InverseFunctionalIdentifier.IsValidMbox(mbox));

    [Theory]
    [InlineData("1.0.3", XapiVersion.V1_0_3)]
    [InlineData("1.0.0", XapiVersion.V1_0_3)]
    [InlineData("1.0", XapiVersion.V1_0_3)]
    [InlineData("2.0.0", XapiVersion.V2_0_0)]
    [InlineData(" 2.0.1 ", XapiVersion.V2_0_0)]
    public void Version_header_values_map_to_data_models(string header, XapiVersion expected) => Assert.Equal(expected, XapiVersions.Parse(header));

    [Theory]
    [InlineData("1.1.0")]
    [InlineData("0.95")]
    [InlineData("2.0.0-beta")]
    [InlineData("")]
    public void Unknown_versions_are_not_parsed(string header) => Assert.False(XapiVersions.TryParse(header, out _));
}
