using SevenTaps.Contracts;

namespace Analytics.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Redis);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
