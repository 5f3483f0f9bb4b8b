using SevenTaps.Contracts;

namespace Agent.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDataSource(ResourceNames.Database);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
