global using System.Diagnostics;
global using System.Text;
global using System.Text.Json.Nodes;
global using SevenTaps.Testing;

// The benchmarks start the system through AppHost, which supervises POSIX processes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
