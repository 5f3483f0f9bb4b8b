namespace SevenTaps.Generator;

internal static class Program
{
    private static async Task<int> Main(string[] args) =>
        args.FirstOrDefault() == "send"
            ? await SendCommand.RunAsync(args[1..], Console.Out, Console.Error)
            : Cli.Run(args, Console.Out, Console.Error);
}
