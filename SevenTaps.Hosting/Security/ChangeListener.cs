using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SevenTaps.Security;

/// <summary>Something that keeps copies of rows (a cache) and hears when they change, through <see cref="ChangeListener"/>.</summary>
public interface IChangeSubscriber
{
    /// <summary>The NOTIFY channel (<see cref="SevenTaps.Contracts.ChangeChannels"/>).</summary>
    string Channel { get; }

    /// <summary>A row changed: its id, or <see cref="SevenTaps.Contracts.ChangeChannels.Everything"/>.</summary>
    void Changed(string payload);

    /// <summary>
    /// True once the channel is listened to (so no change is missed from then on); false when listening stopped,
    /// after which changes can be missed and nothing copied may be trusted. Starts false.
    /// </summary>
    void Listening(bool listening);
}

/// <summary>
/// LISTENs, on one connection of the process's data source, to the channel of every <see cref="IChangeSubscriber"/>
/// and hands each notification to the subscribers of its channel. PostgreSQL delivers a NOTIFY to every listening
/// session when the writing transaction commits, so a change made in any process reaches every replica within
/// milliseconds. When the connection is lost (PostgreSQL restarted, the backend terminated, a network fault found by
/// the keep-alive query) the subscribers hear <c>Listening(false)</c> at once, and it connects again every
/// <see cref="RetryInterval"/>, after which they hear <c>Listening(true)</c>.
/// </summary>
public sealed class ChangeListener(NpgsqlDataSource dataSource, IEnumerable<IChangeSubscriber> subscribers, ILogger<ChangeListener> logger) : BackgroundService
{
    /// <summary>The listening session's application_name suffix, to tell it apart in pg_stat_activity.</summary>
    public const string ApplicationNameSuffix = " (change listener)";

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>A query on the listening connection this often when nothing arrives, so a dead connection is noticed.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<IChangeSubscriber> _subscribers = subscribers.ToList();
    private bool _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channels = _subscribers.Select(subscriber => subscriber.Channel).Distinct().ToArray();
        if (channels.Length == 0)
        {
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(channels, () => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                SetListening(false);
                // Every second while PostgreSQL is down would flood the log: the first failure is a warning, the rest debug.
                logger.Log(failures++ == 0 ? LogLevel.Warning : LogLevel.Debug, exception,
                    "Not listening to {Channels}: cached credentials are not used until listening again", string.Join(", ", channels));
            }
            try
            {
                await Task.Delay(RetryInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        SetListening(false);
    }

    private async Task ListenAsync(string[] channels, Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += OnNotification;
        try
        {
            var applicationName = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).ApplicationName ?? "seventaps";
            await using (var name = new NpgsqlCommand("SELECT set_config('application_name', $1, false)", connection))
            {
                name.Parameters.Add(new NpgsqlParameter { Value = applicationName + ApplicationNameSuffix });
                await name.ExecuteNonQueryAsync(stoppingToken);
            }
            await using (var listen = new NpgsqlCommand(string.Concat(channels.Select(channel => $"LISTEN \"{channel}\"; ")), connection))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken);
            }
            SetListening(true);
            connected();
            logger.LogDebug("Listening to {Channels}", string.Join(", ", channels));
            while (true)
            {
                if (!await connection.WaitAsync(KeepAliveInterval, stoppingToken))
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)KeepAliveInterval.TotalSeconds };
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
        }
        finally
        {
            SetListening(false);
            connection.Notification -= OnNotification;
            // The pool does not reset sessions (NoResetOnClose): a healthy connection goes back without its LISTENs.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await using var unlisten = new NpgsqlCommand("UNLISTEN *; RESET application_name", connection) { CommandTimeout = 5 };
                    await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    // Broken: the pool discards it.
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Channel == notification.Channel)
            {
                subscriber.Changed(notification.Payload);
            }
        }
    }

    private void SetListening(bool listening)
    {
        if (_listening == listening)
        {
            return;
        }
        _listening = listening;
        foreach (var subscriber in _subscribers)
        {
            subscriber.Listening(listening);
        }
    }
}
