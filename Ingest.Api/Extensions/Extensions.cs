using Ingest.Api.Infrastructure;
using SevenTaps.Contracts;

namespace Ingest.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddNpgsqlDbContext<IngestContext>(IngestContextOptions.Configure);
        builder.AddMigration<IngestContext>();
        builder.AddRedisClient(ResourceNames.Redis);

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
