using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>
/// The certificate handed to every TLS handshake, reloaded when its files change, so that a renewal (an ACME
/// client such as certbot swapping the files or their symbolic links) needs no restart. A file caught half-written
/// keeps the previous certificate in service until the next change.
/// </summary>
public sealed partial class ServerCertificate : IDisposable
{
    /// <summary>Renewals write several files in a row; reload once they have settled.</summary>
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(500);

    private readonly HttpsOptions options;
    private readonly ILogger<ServerCertificate> logger;
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Timer reload;
    private X509Certificate2 current;

    public ServerCertificate(IOptions<HttpsOptions> options, ILogger<ServerCertificate> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        current = Load(this.options);
        LogServing(current);
        reload = new Timer(_ => Reload());
        foreach (var directory in WatchedDirectories(this.options))
        {
            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime };
            FileSystemEventHandler changed = (_, _) => reload.Change(SettleDelay, Timeout.InfiniteTimeSpan);
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => reload.Change(SettleDelay, Timeout.InfiniteTimeSpan);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    public X509Certificate2 Current => Volatile.Read(ref current);

    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private void Reload()
    {
        try
        {
            var loaded = Load(options);
            if (loaded.Thumbprint == Current.Thumbprint)
            {
                loaded.Dispose();
                return;
            }
            // The old certificate stays undisposed: handshakes in flight may still hold it.
            Volatile.Write(ref current, loaded);
            LogServing(loaded);
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            LogReloadFailed(exception, options.CertificatePath!);
        }
    }

    private static X509Certificate2 Load(HttpsOptions options)
    {
        var path = options.CertificatePath!;
        if (!string.IsNullOrWhiteSpace(options.KeyPath))
        {
            return X509Certificate2.CreateFromPemFile(path, options.KeyPath);
        }
        return Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.Password)
            : X509Certificate2.CreateFromPemFile(path);
    }

    /// <summary>The directories of the files as configured (where a renewal replaces links) and as resolved.</summary>
    private static IEnumerable<string> WatchedDirectories(HttpsOptions options) =>
        new[] { options.CertificatePath, options.KeyPath }
            .Where(path => !string.IsNullOrWhiteSpace(path))
            .SelectMany(path => new[] { Path.GetFullPath(path!), ResolvedPath(path!) })
            .Select(path => Path.GetDirectoryName(path)!)
            .Where(Directory.Exists)
            .Distinct();

    private static string ResolvedPath(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private void LogServing(X509Certificate2 certificate) =>
        LogServingCertificate(certificate.Subject, Fingerprint(certificate), certificate.NotAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving HTTPS with {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:u}")]
    private partial void LogServingCertificate(string subject, string fingerprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The HTTPS certificate {Path} changed but could not be loaded; the previous one stays in service")]
    private partial void LogReloadFailed(Exception exception, string path);

    public void Dispose()
    {
        reload.Dispose();
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }
}
