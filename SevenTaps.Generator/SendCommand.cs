using System.Globalization;

namespace SevenTaps.Generator;

/// <summary>
/// <c>send --endpoint URL --key K --secret S --file statements.jsonl [--batch 500] [--concurrency 4]</c>:
/// sends a JSON-lines file (as written by <c>generate</c>) through a real xAPI endpoint.
/// </summary>
internal static class SendCommand
{
    public const string Usage = "usage: SevenTaps.Generator send --endpoint http://localhost:8080/xapi/ --key K --secret S --file statements.jsonl [--batch 500] [--concurrency 4]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        if (Value("--endpoint") is not { } endpoint || Value("--key") is not { } key || Value("--secret") is not { } secret
            || Value("--file") is not { } file)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var batch = int.Parse(Value("--batch") ?? "500", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Value("--concurrency") ?? "4", CultureInfo.InvariantCulture);

        using var client = StatementSender.CreateClient(new Uri(endpoint), key, secret);
        var sender = new StatementSender(client, batch, concurrency);
        try
        {
            var sent = await sender.SendAsync(File.ReadLines(file).Where(line => line.Length > 0));
            await stdout.WriteLineAsync($"sent {sent:N0} statements to {endpoint}");
            return 0;
        }
        catch (HttpRequestException exception)
        {
            await stderr.WriteLineAsync("error: " + exception.Message);
            return 1;
        }
    }
}
