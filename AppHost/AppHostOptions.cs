using System.ComponentModel.DataAnnotations;

namespace SevenTaps.AppHost;

/// <summary>AppHost's settings: section <c>AppHost</c>, or the command-line flags mapped onto it.</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>The command-line flags and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> CommandLineSwitches = new Dictionary<string, string>
    {
        ["--port"] = $"{SectionName}:{nameof(Port)}",
        ["--data-dir"] = $"{SectionName}:{nameof(DataDirectory)}",
        ["--only"] = $"{SectionName}:{nameof(Only)}",
        ["--normalizers"] = $"{SectionName}:{nameof(NormalizerReplicas)}",
        ["--demo"] = $"{SectionName}:{nameof(Demo)}",
        ["--demo-learners"] = $"{SectionName}:{nameof(DemoLearners)}",
        ["--containers"] = $"{SectionName}:{nameof(Containers)}",
        ["--https-port"] = $"{SectionName}:{nameof(HttpsPort)}",
        ["--https-certificate"] = $"{SectionName}:{nameof(HttpsCertificate)}",
        ["--https-key"] = $"{SectionName}:{nameof(HttpsKey)}",
        ["--listen"] = $"{SectionName}:{nameof(Listen)}",
        ["--trusted-proxies"] = $"{SectionName}:{nameof(TrustedProxies)}",
    };

    /// <summary>
    /// The command line as the configuration system reads it: flags mapped onto this section, and a flag that
    /// stands alone ("--demo") given its value ("--demo true").
    /// </summary>
    public static string[] ExpandCommandLine(string[] args) =>
        args.SelectMany((arg, index) =>
            BooleanSwitches.Contains(arg) && (index + 1 == args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
                ? new[] { arg, "true" }
                : [arg])
            .Select(arg => CommandLineSwitches.TryGetValue(arg, out var key) ? $"--{key}" : arg)
            .ToArray();

    /// <summary>Flags that may stand alone on the command line ("--demo" means "--demo true").</summary>
    public static readonly IReadOnlySet<string> BooleanSwitches = new HashSet<string> { "--demo", "--containers" };

    /// <summary>The gateway's public port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The gateway's HTTPS port (none: plain HTTP only); 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int? HttpsPort { get; set; }

    /// <summary>
    /// The HTTPS certificate: a PEM file (e.g. certbot's fullchain.pem) with <see cref="HttpsKey"/>, or a PKCS#12
    /// file (password in SEVENTAPS_HTTPS_PASSWORD). Without one, a self-signed certificate is made in the data directory.
    /// </summary>
    public string? HttpsCertificate { get; set; }

    /// <summary>The PEM private key of <see cref="HttpsCertificate"/>.</summary>
    public string? HttpsKey { get; set; }

    /// <summary>
    /// The address the gateway listens on: <c>localhost</c> (default), <c>*</c> for every interface, or one IP
    /// address. Every other process listens on loopback only.
    /// </summary>
    [RegularExpression(@"^(localhost|\*|[0-9A-Fa-f.:]+)$", ErrorMessage = "--listen takes localhost, * or an IP address")]
    public string? Listen { get; set; }

    /// <summary>Reverse proxies in front of the gateway whose X-Forwarded-* headers it believes (IPs or CIDR networks, comma-separated).</summary>
    public string? TrustedProxies { get; set; }

    /// <summary>All state: database files, Redis append-only file, generated passwords, logs.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".seventaps";

    /// <summary>Comma-separated resource names to start (with what they depend on); empty starts everything.</summary>
    public string? Only { get; set; }

    [Range(1, 16)]
    public int NormalizerReplicas { get; set; } = 1;

    /// <summary>On first start, load a generated 7taps course through the real ingest (once per data directory).</summary>
    public bool Demo { get; set; }

    [Range(1, 100_000)]
    public int DemoLearners { get; set; } = 300;

    /// <summary>
    /// PostgreSQL and Redis as containers (Aspire.Hosting.PostgreSQL / Aspire.Hosting.Redis, with data volumes)
    /// instead of the machine's binaries: for machines with Docker or Podman and a reachable registry.
    /// </summary>
    public bool Containers { get; set; }

    /// <summary>
    /// fsync and friends. Off only for throwaway test servers: a crash could then lose acknowledged data.
    /// </summary>
    public bool DurableStorage { get; set; } = true;

    public bool PrintResourceTable { get; set; } = true;

    /// <summary>The gateway is to listen below 1024 (80, 443), a privilege it keeps when AppHost runs it as another user.</summary>
    public bool BindsLowPorts => Port is > 0 and < 1024 || HttpsPort is > 0 and < 1024;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string SecretsDirectory => Path.Combine(FullDataDirectory, "secrets");

    public IReadOnlyList<string> OnlyResources =>
        (Only ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
