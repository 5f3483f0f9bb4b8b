using System.Security.Cryptography;

namespace SevenTaps.AppHost.Hosting;

/// <summary>Generated passwords for the servers AppHost runs, kept in the data directory readable by its owner only.</summary>
internal static class Secret
{
    public static string ReadOrCreate(string secretsDirectory, string name)
    {
        Directory.CreateDirectory(secretsDirectory);
        File.SetUnixFileMode(secretsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var path = Path.Combine(secretsDirectory, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, value);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return value;
    }
}
