using System.Text.RegularExpressions;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Workbench;

/// <summary>
/// The SQL workbench: runs go to Agent.Api under an id chosen here, so Cancel can name the run while it is in flight;
/// the history, saved queries and library come from Agent.Api too. <c>?tile=dropoff&amp;from=...</c> opens the SQL behind a
/// dashboard tile for its view, <c>?exchange=</c> the SQL of one of Seven's answers.
/// </summary>
public sealed partial class Workbench
{
    private readonly CancellationTokenSource leaving = new();
    private SchemaView? schema;
    private WorkbenchLimits? limits;
    private List<LibraryQuery> library = [];
    private List<SavedQuerySummary> saved = [];
    private List<WorkbenchRunSummary> history = [];
    private string sql = "";
    private List<string> parameterNames = [];
    private List<string> parameterValues = [];
    private string? loadedDescription;
    private SavedQueryDetail? current;
    private Guid? running;
    private WorkbenchRun? result;
    private string? error;
    private string saveName = "", saveDescription = "";
    private bool saveShared;
    private string? saveMessage;
    private int diffFrom, diffTo;

    /// <summary>A dashboard tile (its <c>data-tile</c> name) whose SQL to open, for the view the rest of the address names.</summary>
    [SupplyParameterFromQuery(Name = "tile")] public string? Tile { get; set; }

    /// <summary>One of Seven's answers ("Copy to workbench") whose SQL to open, its parameters written in; shown, not run.</summary>
    [SupplyParameterFromQuery(Name = "exchange")] public Guid? Exchange { get; set; }

    private string ExportCap => limits is null ? "the export's cap" : $"{limits.ExportMaxRows:N0} rows";

    /// <summary>The highest <c>$n</c> in the SQL: that many parameters are asked for.</summary>
    private int ParameterCount => ParameterPattern().Matches(sql).Select(match => int.Parse(match.Groups[1].Value)).DefaultIfEmpty(0).Max();

    protected override async Task OnInitializedAsync()
    {
        // Independent answers, asked for at once: the SQL to open is shown even when a list fails to arrive.
        var opening = Guarded(OpenRequestedSqlAsync);
        var lists = Guarded(async token =>
        {
            var schemaAnswer = Api.SchemaAsync(token);
            var limitsAnswer = Api.LimitsAsync(token);
            var libraryAnswer = Api.LibraryAsync(token);
            var listsAnswer = RefreshListsAsync(token);
            await Task.WhenAll(schemaAnswer, limitsAnswer, libraryAnswer, listsAnswer);
            (schema, limits, library) = (schemaAnswer.Result.Value, limitsAnswer.Result.Value, libraryAnswer.Result.Value);
        });
        await Task.WhenAll(opening, lists);
    }

    /// <summary>The SQL the address asks to open: a dashboard tile's for its view, or one of Seven's answers'.</summary>
    private async Task OpenRequestedSqlAsync(CancellationToken token)
    {
        if (Tile is { Length: > 0 } tile)
        {
            // The tile's link names its view as the tile's page does (filter, interval, the explorer's view): passed on as it is.
            if (await Api.TileSqlAsync(tile, new Uri(Navigation.Uri).Query, token) is { } tileSql)
            {
                SetSql(tileSql.Sql, [], tileSql.Note ?? $"The SQL behind the dashboard tile \"{tile}\" for its view: run it for the tile's figures.");
            }
            else
            {
                error = $"There is no SQL for the tile \"{tile}\" with this view.";
            }
        }
        else if (Exchange is { } exchange)
        {
            if (await Api.ExchangeSqlAsync(exchange, token) is { } answer)
            {
                SetSql(answer.Sql, [], $"The SQL Seven ran to answer \"{answer.Question}\", its values written in: run it to see the rows it read.");
            }
            else
            {
                error = "That answer of Seven's is not yours, or ran no SQL.";
            }
        }
    }

    private async Task RefreshListsAsync(CancellationToken token)
    {
        var savedAnswer = Api.SavedQueriesAsync(token);
        var historyAnswer = Api.HistoryAsync(token);
        (saved, history) = ((await savedAnswer).Value, (await historyAnswer).Value);
    }

    private void Load(LibraryQuery query)
    {
        current = null;
        SetSql(query.Sql, query.Parameters, $"{query.Name}: {query.Description}");
    }

    private void SetSql(string text, IReadOnlyList<LibraryParameter> parameters, string? description)
    {
        sql = text;
        parameterNames = parameters.Select(parameter => parameter.Name).ToList();
        parameterValues = parameters.Select(parameter => parameter.Default).ToList();
        loadedDescription = description;
        saveMessage = null;
    }

    private string ParameterValue(int place) => place < parameterValues.Count ? parameterValues[place] : "";

    private void SetParameter(int place, string? value)
    {
        while (parameterValues.Count <= place)
        {
            parameterValues.Add("");
        }
        parameterValues[place] = value ?? "";
    }

    private async Task RunAsync()
    {
        var id = Guid.NewGuid();
        running = id;
        error = null;
        try
        {
            var values = Enumerable.Range(0, ParameterCount).Select(ParameterValue).ToList();
            result = await Api.RunAsync(id, sql, values, current?.Id, leaving.Token);
            history = (await Api.HistoryAsync(leaving.Token)).Value;
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or TaskCanceledException && !leaving.IsCancellationRequested)
        {
            error = $"The query could not be run: {exception.Message}";
        }
        finally
        {
            running = null;
        }
    }

    private async Task CancelAsync()
    {
        if (running is { } id && !await Api.CancelAsync(id, leaving.Token))
        {
            error = "The query had already finished.";
        }
    }

    private async Task Rerun(WorkbenchRunSummary run)
    {
        current = null;
        var values = run.Parameters is { } json ? System.Text.Json.JsonSerializer.Deserialize<List<System.Text.Json.JsonElement>>(json)!.Select(WorkbenchRun.Text).ToList() : [];
        SetSql(run.Sql, [], $"Re-run of {run.RunBy}'s query of {run.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC.");
        parameterValues = values;
        await RunAsync();
    }

    private async Task OpenSaved(Guid id) => await Guarded(async token =>
    {
        current = (await Api.SavedQueryAsync(id, token)).Value;
        var latest = current.Versions[^1];
        SetSql(latest.Sql, [], current.Description);
        (diffFrom, diffTo) = (current.Versions.Count > 1 ? current.Versions[^2].Version : latest.Version, latest.Version);
    });

    private void RestoreVersion(int version)
    {
        if (current?.Versions.FirstOrDefault(v => v.Version == version) is { } chosen)
        {
            SetSql(chosen.Sql, [], $"Version {version} of {current.Name} (save it to make it the latest).");
        }
    }

    private void Detach()
    {
        current = null;
        saveName = "";
        saveMessage = null;
    }

    private async Task SaveAsync() => await Guarded(async token =>
    {
        if (current is null)
        {
            current = await Api.SaveAsync(saveName, saveDescription, sql, saveShared, token);
            saveMessage = $"Saved as \"{current.Name}\", version 1.";
        }
        else
        {
            var before = current.Versions[^1].Version;
            current = await Api.SaveVersionAsync(current.Id, sql, token);
            saveMessage = current.Versions[^1].Version == before ? "Unchanged: the SQL is the latest version's." : $"Saved as version {current.Versions[^1].Version}.";
        }
        (diffFrom, diffTo) = (current.Versions.Count > 1 ? current.Versions[^2].Version : 1, current.Versions[^1].Version);
        await RefreshListsAsync(token);
        if (saveShared)
        {
            library = (await Api.LibraryAsync(token)).Value;
        }
    });

    private IReadOnlyList<DiffLine> Diff() =>
        current is null ? [] : LineDiff.Compare(
            current.Versions.FirstOrDefault(v => v.Version == diffFrom)?.Sql ?? "",
            current.Versions.FirstOrDefault(v => v.Version == diffTo)?.Sql ?? "");

    private string ShareLink(Guid id) => Navigation.ToAbsoluteUri($"/workbench/results/{id}").ToString();

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > 90 ? line[..90] + "…" : line;
    }

    private async Task Guarded(Func<CancellationToken, Task> action)
    {
        error = null;
        try
        {
            await action(leaving.Token);
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or TaskCanceledException && !leaving.IsCancellationRequested)
        {
            error = exception.Message;
        }
    }

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
    }

    [GeneratedRegex(@"\$(\d{1,2})\b")]
    private static partial Regex ParameterPattern();
}
