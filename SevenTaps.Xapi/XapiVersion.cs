namespace SevenTaps.Xapi;

/// <summary>
/// The two Statement data models this code validates against. Every 1.0.x patch release shares the
/// 1.0.0 data model (xAPI 1.0.3 Data 2.4.10), so all 1.0.x versions are validated as 1.0.3.
/// </summary>
public enum XapiVersion
{
    /// <summary>xAPI 1.0.3 (also used for 1.0.0, 1.0.1 and 1.0.2).</summary>
    V1_0_3,

    /// <summary>xAPI 2.0.0 (IEEE 9274.1.1).</summary>
    V2_0_0,
}

/// <summary>Maps version strings (such as the X-Experience-API-Version header) to <see cref="XapiVersion"/>.</summary>
public static class XapiVersions
{
    /// <summary>
    /// Accepts "1.0", "1.0.x" (treated as 1.0.3), "2.0" and "2.0.x" (treated as 2.0.0).
    /// </summary>
    public static bool TryParse(string? value, out XapiVersion version)
    {
        version = XapiVersion.V1_0_3;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (IsMajorMinor(trimmed, "1.0"))
        {
            version = XapiVersion.V1_0_3;
            return true;
        }

        if (IsMajorMinor(trimmed, "2.0"))
        {
            version = XapiVersion.V2_0_0;
            return true;
        }

        return false;
    }

    /// <exception cref="ArgumentException">The version is neither 1.0.x nor 2.0.x.</exception>
    public static XapiVersion Parse(string value) =>
        TryParse(value, out var version)
            ? version
            : throw new ArgumentException($"Unsupported xAPI version '{value}'. Expected 1.0.x or 2.0.x.", nameof(value));

    // "1.0" itself or "1.0.<digits>"; "1.0.x-beta" style pre-releases are not xAPI versions.
    private static bool IsMajorMinor(string value, string majorMinor)
    {
        if (value == majorMinor)
        {
            return true;
        }

        if (!value.StartsWith(majorMinor + ".", StringComparison.Ordinal))
        {
            return false;
        }

        var patch = value.AsSpan(majorMinor.Length + 1);
        return patch.Length > 0 && patch.IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
