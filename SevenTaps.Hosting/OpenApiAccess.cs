using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

public static class OpenApiAccess
{
    /// <summary>
    /// An OpenAPI document describes every endpoint and parameter, which helps an attacker as much as an integrator:
    /// outside Development it is served only to a caller the service signs in (any credential it accepts).
    /// </summary>
    public static TBuilder RequireSignInOutsideDevelopment<TBuilder>(this TBuilder endpoint, IHostEnvironment environment)
        where TBuilder : IEndpointConventionBuilder =>
        environment.IsDevelopment() ? endpoint : endpoint.RequireAuthorization();
}
