global using System.Net;
global using System.Text.Json.Nodes;
global using SevenTaps.Analysis.Summaries;
global using SevenTaps.Testing;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
