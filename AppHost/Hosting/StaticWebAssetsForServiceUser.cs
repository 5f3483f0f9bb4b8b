using System.Text.Json.Nodes;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// A web service run from its build output finds its static web assets through a manifest naming their folders,
/// some of them in the NuGet cache of whoever built it (for a root build, under /root, which the service user
/// cannot enter). When AppHost is root, such folders are copied into the service user's home and the service is
/// given a manifest that names the copies (<c>ASPNETCORE_STATICWEBASSETS</c>, the setting the loader reads).
/// </summary>
internal static class StaticWebAssetsForServiceUser
{
    public static async Task<string?> PrepareAsync(string entryAssembly, string home, string serviceName, CancellationToken cancellationToken)
    {
        var manifestPath = Path.ChangeExtension(entryAssembly, ".staticwebassets.runtime.json");
        if (!Unix.IsRoot || !File.Exists(manifestPath))
        {
            return null;
        }
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken))!.AsObject();
        var contentRoots = manifest["ContentRoots"]!.AsArray();
        var copies = Path.Combine(home, "static-web-assets", serviceName);
        for (var index = 0; index < contentRoots.Count; index++)
        {
            var root = contentRoots[index]!.GetValue<string>();
            if (!Directory.Exists(root) || Unix.IsTraversableByOthers(root))
            {
                continue;
            }
            var copy = Path.Combine(copies, index.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "/";
            CopyDirectory(root, copy);
            contentRoots[index] = copy;
        }
        var rewritten = Path.Combine(copies, Path.GetFileName(manifestPath));
        Directory.CreateDirectory(copies);
        await File.WriteAllTextAsync(rewritten, manifest.ToJsonString(), cancellationToken);
        await Unix.ChangeOwnerAsync(Path.Combine(home, "static-web-assets"), ServiceBuilderExtensions.OsUser, cancellationToken);
        return rewritten;
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories).Prepend(source))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
