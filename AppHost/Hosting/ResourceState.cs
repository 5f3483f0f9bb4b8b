namespace SevenTaps.AppHost.Hosting;

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Restarting,
    Stopping,
    Stopped,
    Failed,
}

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
