using System.Security.Cryptography;

namespace SevenTaps.AppHost.Hosting;

/// <summary>Generated passwords for the servers AppHost runs, kept in the data directory readable by its owner only.</summary>
internal static class Secret
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string ReadOrCreate(string secretsDirectory, string name)
    {
        // Owner-only from the first byte: created with these modes, never widened and narrowed afterwards.
        Directory.CreateDirectory(secretsDirectory, OwnerReadWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(secretsDirectory, OwnerReadWrite | UnixFileMode.UserExecute);

        var path = Path.Combine(secretsDirectory, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
        stream.Write(System.Text.Encoding.ASCII.GetBytes(value));
        return value;
    }
}
