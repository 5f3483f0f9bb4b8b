global using Microsoft.Playwright;
global using SevenTaps.Testing;

// The tests drive AppHost, which supervises POSIX processes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
