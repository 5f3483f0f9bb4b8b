using System.Text.Json;
using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using Agent.Api.Guard;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Agent.Api.Model;

/// <summary>
/// Seven with a model (<see cref="IChatClient"/>): the model is given the published schema, our terms in SQL and verified
/// examples retrieved for the question; it first asks Seven's verified questions (the offline engine's parser and
/// verified queries: provenance <c>verified</c>), and writes SQL only when none fits, which runs through the
/// <see cref="SqlGuard"/> and is repaired from the refusal or database error at most
/// <see cref="ModelOptions.MaxSqlAttempts"/> times (provenance <c>generated</c>). The model sees result rows through
/// <see cref="ModelView"/> only. When the model fails or cannot be reached, the answer says so and the offline engine
/// answers what it can.
/// </summary>
public sealed class ModelEngine(
    IChatClient model, OfflineEngine offline, SqlGuard guard, CourseCatalogCache catalogs, IOptions<ModelOptions> options, TimeProvider time, ILogger<ModelEngine> logger)
    : IAnswerEngine
{
    private string ModelName => options.Value.Model!;

    public async Task<EngineResult> AnswerAsync(string message, string? previousIntentJson, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(cancellationToken);
        try
        {
            return await AskModelAsync(message, previousIntentJson, catalog, cancellationToken);
        }
        catch (ModelUnavailableException unavailable)
        {
            logger.LogWarning("The model {Model} failed: {Reason}; the offline engine answers instead", ModelName, unavailable.Message);
            var fallback = await offline.AnswerAsync(message, previousIntentJson, catalog, cancellationToken);
            var notice = $"The model ({ModelName}) could not answer: {unavailable.Message}. Seven's offline engine answered instead.";
            return fallback with
            {
                Answer = fallback.Answer with
                {
                    Answer = notice + "\n\n" + fallback.Answer.Answer,
                    Assumptions = [notice, .. fallback.Answer.Assumptions],
                },
            };
        }
    }

    private async Task<EngineResult> AskModelAsync(string message, string? previousIntentJson, CourseCatalog catalog, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var examples = VerifiedExamples.For(message, catalog, time.GetUtcNow(), offline.WatchList);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, ModelPrompt.Instructions(catalog, examples, settings.ShareLearnerText, previousIntentJson)),
            new(ChatRole.User, message),
        ];
        var chatOptions = new ChatOptions { Tools = [.. ModelPrompt.Tools], ToolMode = ChatToolMode.Auto, Temperature = 0 };
        var attempts = 0;
        (string Sql, GuardedResult Result)? ran = null;
        GuardRefusal? lastRefusal = null;
        // Each round is one model response; a verified question or a repair takes one more.
        for (var round = 0; round < settings.MaxSqlAttempts + 3; round++)
        {
            var response = await RespondAsync(messages, chatOptions, cancellationToken);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(reply => reply.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return ran is { } done ? Generated(response.Text, done.Sql, done.Result, catalog) : NotAnswered(response.Text, catalog);
            }
            foreach (var call in calls)
            {
                string reply;
                switch (call.Name)
                {
                    case ModelPrompt.VerifiedQuestionTool:
                        var question = Argument(call, "question");
                        var verified = await offline.AnswerAsync(question, previousIntentJson, catalog, cancellationToken);
                        if (verified.Outcome == "answered")
                        {
                            return Verified(verified, question);
                        }
                        reply = $"Not a verified question: {verified.Answer.Answer}";
                        break;
                    case ModelPrompt.RunSqlTool:
                        attempts++;
                        var sql = Argument(call, "sql");
                        var outcome = await guard.RunAsync(sql, [], cancellationToken);
                        if (outcome.Result is { } result)
                        {
                            ran = (sql, result);
                            reply = ModelView.Describe(result, catalog, settings.ShareLearnerText);
                        }
                        else
                        {
                            lastRefusal = outcome.Refusal!;
                            if (attempts >= settings.MaxSqlAttempts)
                            {
                                return NotAnswered(
                                    $"I could not write a query that answers this: after {attempts} tries the last one was refused ({lastRefusal.Reason}).", catalog);
                            }
                            reply = $"Refused ({lastRefusal.Code}): {lastRefusal.Reason}. Repair the SQL, or say the data cannot answer the question.";
                        }
                        break;
                    default:
                        reply = $"There is no tool {call.Name}.";
                        break;
                }
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, reply)]));
            }
        }
        return ran is { } last
            ? Generated("The model gave no summary; the rows are below.", last.Sql, last.Result, catalog)
            : NotAnswered("The model did not reach an answer within its tries.", catalog);
    }

    private async Task<ChatResponse> RespondAsync(List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken cancellationToken)
    {
        try
        {
            return await model.GetResponseAsync(messages, chatOptions, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the client throws (connection refused, a timeout, an HTTP error, a reply it cannot read) means no answer from the model.
            throw new ModelUnavailableException(Reason(exception), exception);
        }
    }

    private static string Reason(Exception exception)
    {
        var causes = new List<Exception>();
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            causes.Add(cause);
        }
        return causes switch
        {
            [System.ClientModel.ClientResultException { Status: > 0 } http, ..] => $"it replied HTTP {http.Status}",
            _ when causes.Any(cause => cause is System.Net.Sockets.SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                => "it could not be reached",
            _ when causes.Any(cause => cause is OperationCanceledException or TimeoutException) => "it did not respond in time",
            _ => exception.Message,
        };
    }

    private EngineResult Verified(EngineResult verified, string question) => verified with
    {
        Answer = verified.Answer with
        {
            Engine = ModelName,
            Assumptions = [$"{ModelName} asked this as the verified question \"{question}\"", .. verified.Answer.Assumptions],
        },
    };

    private EngineResult Generated(string text, string sql, GuardedResult result, CourseCatalog catalog) => new(
        new ChatAnswer("", Guid.Empty, true, (text.Trim() + "\n\n" + AnswerWriter.Table(result)).Trim(), ModelName, "generated", sql, [],
            result.Columns, result.Rows, result.Truncated, ChartBuilder.For("generated", result.Columns, result.Rows),
            [$"SQL written by {ModelName} and checked by the SQL guard; not a reviewed query"], catalog.AsOf, OfflineEngine.Examples.Take(3).ToList()),
        "answered", null);

    private EngineResult NotAnswered(string text, CourseCatalog catalog) => new(
        new ChatAnswer("", Guid.Empty, false, text.Trim().Length > 0 ? text.Trim() : "The model gave no answer.", ModelName, null, null, [], [], [], false,
            null, [], catalog.AsOf, OfflineEngine.Examples),
        "declined", null);

    private static string Argument(FunctionCallContent call, string name) =>
        call.Arguments?.TryGetValue(name, out var value) == true ? value switch
        {
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
            string text => text,
            _ => value?.ToString() ?? "",
        } : "";
}
