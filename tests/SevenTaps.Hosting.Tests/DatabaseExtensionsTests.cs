using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace SevenTaps.Hosting.Tests;

public sealed class DatabaseExtensionsTests
{
    [Fact]
    public void A_missing_connection_string_fails_with_a_message_that_names_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.AddServiceDataSource("seventaps");
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<NpgsqlDataSource>());
        Assert.Contains("ConnectionStrings:seventaps", error.Message);
    }

    [Fact]
    public void The_data_source_names_the_service_skips_the_reset_on_close_prepares_hot_statements_and_keeps_the_services_tuning()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "Ingest.Api" });
        builder.Configuration["ConnectionStrings:seventaps"] = "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d";
        builder.AddServiceDataSource("seventaps", database => database.WriteBufferSize = 64 * 1024);
        using var host = builder.Build();

        var settings = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal("Ingest.Api", settings.ApplicationName);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.Equal(64 * 1024, settings.WriteBufferSize);
    }
}
