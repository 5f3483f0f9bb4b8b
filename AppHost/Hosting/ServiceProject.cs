namespace SevenTaps.AppHost.Hosting;

/// <summary>A service project AppHost can launch: its project file and the entry assembly built from it.</summary>
public sealed record ServiceProject(string AssemblyName, string ProjectFile, string EntryAssembly)
{
    public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>
    /// The SDK writes a native launcher beside the assembly; running it keeps the process name readable in
    /// <c>ps</c>. Without one, the assembly runs through the <c>dotnet</c> muxer.
    /// </summary>
    internal IReadOnlyList<string> LaunchCommand()
    {
        if (!File.Exists(EntryAssembly))
        {
            throw new InvalidOperationException(
                $"{AssemblyName} is not built ({EntryAssembly} is missing). Build the solution first: dotnet build SevenTaps.sln");
        }

        var launcher = Path.ChangeExtension(EntryAssembly, null);
        return File.Exists(launcher) ? [launcher] : ["dotnet", EntryAssembly];
    }
}
