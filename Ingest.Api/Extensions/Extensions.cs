using Ingest.Api.Apis;
using Ingest.Api.Documents;
using Ingest.Api.Infrastructure;
using Ingest.Api.Security;
using Ingest.Api.Statements;
using Ingest.Api.Streaming;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SevenTaps.Audit;

namespace Ingest.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDataSource(ResourceNames.Database, database =>
        {
            // A batch is COPYed as one stream of 1-2 MB: with Npgsql's default 8 KB buffer that is hundreds of socket
            // writes per transaction; 64 KB makes it a few dozen. Kept when the connection string sets its own.
            if (!database.ContainsKey("Write Buffer Size"))
            {
                database.WriteBufferSize = 64 * 1024;
            }
            // Ingest's statements are short lookups and writes. Before a new table's first ANALYZE their estimated cost
            // passes the JIT thresholds, and compiling them took 20 ms of CPU per write transaction.
            database.Options = $"{database.Options} -c jit=off".Trim();
        });
        builder.AddServiceDbContext<IngestContext>(IngestContextOptions.Configure);
        // Credential administration is audited.
        builder.AddAuditTrail();
        builder.AddServiceRedisClient(ResourceNames.Redis);

        builder.Services.AddOptions<XapiOptions>()
            .BindConfiguration(XapiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<XapiOptions>>((kestrel, xapi) => kestrel.Limits.MaxRequestBodySize = xapi.Value.MaxRequestBodyBytes);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSecretVerificationLimit();
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddChangeSubscriber<CredentialStore>();
        builder.Services.AddLoginThrottle();
        builder.Services.AddHostedService<BootstrapCredential>();
        builder.Services.AddAuthentication(LrsBasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, LrsBasicAuthenticationHandler>(LrsBasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(XapiApi.WritePolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.Write))
            .AddPolicy(XapiApi.ReadPolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.Read))
            .AddPolicy(DocumentsApi.StateReadPolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.StateRead))
            .AddPolicy(DocumentsApi.StateWritePolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.StateWrite))
            .AddPolicy(DocumentsApi.ProfileReadPolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.ProfileRead))
            .AddPolicy(DocumentsApi.ProfileWritePolicy, policy => policy.RequireClaim(XapiScopes.ClaimType, XapiScopes.ProfileWrite));

        builder.Services.AddCors(cors => cors.AddPolicy(XapiApi.CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{XapiOptions.SectionName}:{nameof(XapiOptions.CorsOrigins)}").Get<string[]>() ?? ["*"];
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }
            policy.WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete, HttpMethods.Options)
                .WithHeaders("Authorization", "Content-Type", XapiVersionFilter.Header, "Accept-Language", "If-Match", "If-None-Match")
                .WithExposedHeaders("X-Experience-API-Consistent-Through", XapiVersionFilter.Header, "Last-Modified", "ETag")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton<ActivityDefinitions>();
        builder.Services.AddSingleton<StatementPreparer>();
        builder.Services.AddSingleton<StatementStore>();
        builder.Services.AddSingleton<StatementQueries>();
        builder.Services.AddSingleton<ConsistencyWatermark>();
        builder.Services.AddSingleton<ClientVersions>();
        builder.Services.AddSingleton<StatementPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StatementPublisher>());
        builder.Services.AddSingleton<StatementWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StatementWriter>());
        builder.Services.AddHostedService<OutboxRecovery>();

        builder.Services.AddProblemDetails();
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            // Kestrel's own rejections (body over the size limit, malformed request) keep their status code.
            options.StatusCodeSelector = exception => exception is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi();
    }
}
