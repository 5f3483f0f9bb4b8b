namespace SevenTaps.AppHost.Hosting;

/// <summary>
/// How to start a long-running program as an unprivileged OS user when AppHost runs as root: <c>setpriv</c> changes
/// user and then execs the program, so the orchestrator's process id is the program's own (a signal reaches it,
/// not a wrapper that could leave it orphaned). Not root: the program is started as it is.
/// </summary>
public sealed record OsUserLaunch(string Command, IReadOnlyList<string> Arguments)
{
    /// <param name="resetEnvironment">
    /// Start from the user's own environment instead of AppHost's (servers need nothing from it, and should not see it).
    /// </param>
    /// <param name="bindsLowPorts">
    /// Keep the one privilege of binding ports below 1024 (the gateway on 80 and 443), and no other.
    /// </param>
    public static OsUserLaunch For(string user, string program, bool resetEnvironment, bool bindsLowPorts = false) =>
        Unix.IsRoot
            ? new("setpriv", [
                $"--reuid={user}", $"--regid={user}", "--init-groups",
                .. resetEnvironment ? ["--reset-env"] : Array.Empty<string>(),
                .. bindsLowPorts ? ["--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service"] : Array.Empty<string>(),
                "--", program])
            : new(program, []);
}
