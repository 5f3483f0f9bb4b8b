using SevenTaps.Contracts;

namespace SevenTaps.AppHost.Hosting;

/// <summary>The operator's view: one line per resource with its state, health and where to reach it.</summary>
internal sealed class ResourceTable(ResourceContext context)
{
    public void Print(IReadOnlyList<Resource> resources)
    {
        var nameWidth = Math.Max(8, resources.Max(resource => resource.Name.Length)) + 2;
        var lines = new List<string>
        {
            "",
            $"{"RESOURCE".PadRight(nameWidth)}{"STATE",-12}{"HEALTH",-11}ENDPOINT",
        };
        lines.AddRange(resources.Select(resource =>
            $"{resource.Name.PadRight(nameWidth)}{resource.State,-12}{resource.Health,-11}{resource.Endpoint}"));
        lines.Add("");
        lines.Add($"Data directory: {context.DataDirectory} (service logs in {context.LogsDirectory})");
        if (resources.OfType<ProjectResource>().FirstOrDefault(resource => resource.Name == ResourceNames.Gateway) is { } gateway)
        {
            lines.Add($"SevenTaps is up. Gateway: {gateway.PrimaryUrl}   (Ctrl+C stops everything)");
        }
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }

    public void PrintStopped() => Console.Out.WriteLine("SevenTaps stopped: every process has exited.");
}
