global using SevenTaps.Testing;

// The tests drive AppHost, which supervises POSIX processes, and inspect /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
