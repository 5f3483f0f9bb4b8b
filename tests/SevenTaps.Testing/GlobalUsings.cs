// The helpers drive AppHost, which supervises POSIX processes, and inspect /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
