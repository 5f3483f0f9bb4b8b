namespace Dashboard.Web.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Static web assets resolve from the build output in every environment AppHost may run us in.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }
        builder.Services.AddRazorComponents();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
