using SevenTaps.Xapi;

namespace SevenTaps.Xapi.Tests;

public class XapiTimestampTests
{
    [Theory]
    [InlineData("2015-11-18T12:17:00+00:00", "2015-11-18T12:17:00.0000000+00:00")]
    [InlineData("2015-11-18T12:17:00.123Z", "2015-11-18T12:17:00.1230000+00:00")]
    [InlineData("2015-11-18T13:17:00.123456789+01:00", "2015-11-18T12:17:00.1234567+00:00")]
    [InlineData("20151118T121700Z", "2015-11-18T12:17:00.0000000+00:00")]
    [InlineData("2015-11-18T07:17-0500", "2015-11-18T12:17:00.0000000+00:00")]
    [InlineData("2015-11-18T12:17:00", "2015-11-18T12:17:00.0000000+00:00")]
    public void Version_1_0_3_accepts_iso_8601(string text, string expectedUtc)
    {
        Assert.True(XapiTimestamp.TryParse(text, XapiVersion.V1_0_3, out var value, out var error), error);
        Assert.Equal(expectedUtc, value.ToUniversalTime().ToString("o"));
    }

    [Theory]
    [InlineData("2008-09-15 15:53:00.601+00:00")]
    [InlineData("2008-09-15t15:53:00z")]
    [InlineData("2008-09-15T15:53:00.601-05:30")]
    public void Version_2_0_0_accepts_rfc_3339(string text)
    {
        Assert.True(XapiTimestamp.TryParse(text, XapiVersion.V2_0_0, out _, out var error), error);
    }

    [Theory]
    [InlineData("2008-09-15T15:53", "RFC 3339 needs seconds")]
    [InlineData("20080915T155300Z", "basic format is not RFC 3339")]
    [InlineData("2008-09-15T15:53:00+0100", "RFC 3339 offsets have a colon")]
    [InlineData("2008-09-15T15:53:00", "no offset")]
    public void Version_2_0_0_rejects_what_rfc_3339_does_not_allow(string text, string why)
    {
        Assert.False(XapiTimestamp.TryParse(text, XapiVersion.V2_0_0, out _, out _), why);
    }

    [Theory]
    [InlineData("2008-09-15T15:53:00.601-00")]
    [InlineData("2008-09-15T15:53:00.601-0000")]
    [InlineData("2008-09-15T15:53:00.601-00:00")]
    [InlineData("2008-09-15T24:00:00Z")]
    [InlineData("2008-13-15T15:53:00Z")]
    [InlineData("2008-09-15T15:53:00+15:00")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void Both_versions_reject(string text)
    {
        Assert.False(XapiTimestamp.TryParse(text, XapiVersion.V1_0_3, out _, out _));
        Assert.False(XapiTimestamp.TryParse(text, XapiVersion.V2_0_0, out _, out _));
    }
}
