using System.Diagnostics;

namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// One long-running child process that is restarted with exponential backoff when it exits on its own.
/// Its output is appended to a log file. (Not through a shell: shells drop variables such as
/// <c>services__ingest-api__http__0</c> whose names are not shell identifiers.)
/// </summary>
internal sealed class SupervisedProcess(
    string displayName,
    IReadOnlyList<string> command,
    string workingDirectory,
    /* A null value removes a variable inherited from AppHost. */
    IReadOnlyDictionary<string, string?> environment,
    string logFile,
    ILogger logger,
    Action<ResourceState> onStateChanged)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A process that stayed up this long is considered recovered: the next crash restarts after 1 s again.</summary>
    private static readonly TimeSpan StableUptime = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _supervision;
    private int _restartCount;
    private int _processId;

    /// <summary>The running process's id; null while it is down (crashed, restarting, stopped).</summary>
    public int? ProcessId => Volatile.Read(ref _processId) is > 0 and var pid ? pid : null;

    public int RestartCount => _restartCount;

    public string LogFile => logFile;

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        _process = Launch();
        onStateChanged(ResourceState.Running);
        _supervision = SuperviseAsync(_process, _stopping.Token);
    }

    public async Task StopAsync(TimeSpan gracePeriod)
    {
        await _stopping.CancelAsync();
        if (_process is { } process && !process.HasExited)
        {
            onStateChanged(ResourceState.Stopping);
            Unix.Signal(process.Id, Unix.SigTerm);
            using var grace = new CancellationTokenSource(gracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("{Name} did not stop within {Seconds} s of SIGTERM; killing it", displayName, gracePeriod.TotalSeconds);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        Volatile.Write(ref _processId, 0);
        if (_supervision is not null)
        {
            await _supervision;
        }
        ProcessRecords.Delete(logFile);
        onStateChanged(ResourceState.Stopped);
    }

    private async Task SuperviseAsync(Process process, CancellationToken stopping)
    {
        var consecutiveCrashes = 0;
        while (true)
        {
            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Volatile.Write(ref _processId, 0);
            consecutiveCrashes = Stopwatch.GetElapsedTime(startedAt) > StableUptime ? 1 : consecutiveCrashes + 1;
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, consecutiveCrashes - 1)));
            var restart = Interlocked.Increment(ref _restartCount);
            onStateChanged(ResourceState.Restarting);
            logger.LogWarning(
                "{Name} exited with code {ExitCode}; restart #{Restart} in {Backoff} s (log: {LogFile})",
                displayName, process.ExitCode, restart, backoff.TotalSeconds, logFile);
            process.Dispose();

            try
            {
                await Task.Delay(backoff, stopping);
                process = _process = Launch();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                onStateChanged(ResourceState.Failed);
                logger.LogError(exception, "{Name} could not be restarted", displayName);
                return;
            }
            onStateChanged(ResourceState.Running);
            logger.LogInformation("{Name} restarted (pid {Pid})", displayName, process.Id);
        }
    }

    private Process Launch()
    {
        var startInfo = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine(line.Data);
                }
            }
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Exited += (_, _) =>
        {
            // Exited can fire before the last output events; WaitForExit() drains them before the log closes.
            process.WaitForExit();
            lock (log)
            {
                log.Dispose();
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {displayName}.");
        }
        Volatile.Write(ref _processId, process.Id);
        ProcessRecords.Write(logFile, process.Id);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
