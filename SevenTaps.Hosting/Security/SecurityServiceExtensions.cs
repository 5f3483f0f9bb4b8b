using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SevenTaps.Security;

namespace Microsoft.Extensions.Hosting;

public static class SecurityServiceExtensions
{
    /// <summary>Failed-login throttling (<see cref="LoginThrottle"/>), one per process, from section <c>LoginThrottle</c>.</summary>
    public static IServiceCollection AddLoginThrottle(this IServiceCollection services)
    {
        services.AddOptions<LoginThrottleOptions>()
            .BindConfiguration(LoginThrottleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LoginThrottle>();
        return services;
    }

    /// <summary>
    /// The process's one limit on PBKDF2 verifications of uncached secrets (<see cref="SecretVerificationLimit"/>),
    /// from section <c>SecretVerification</c>; every credential or key store of the process shares it.
    /// </summary>
    public static IServiceCollection AddSecretVerificationLimit(this IServiceCollection services)
    {
        services.AddOptions<SecretVerificationOptions>()
            .BindConfiguration(SecretVerificationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SecretVerificationLimit>();
        return services;
    }

    /// <summary>
    /// Feeds the singleton <typeparamref name="TSubscriber"/> the changes of its channel through the process's one
    /// <see cref="ChangeListener"/> (over its NpgsqlDataSource). Without this, a subscriber never hears
    /// <c>Listening(true)</c>, so it must not trust anything it copied: management commands run that way.
    /// </summary>
    public static IServiceCollection AddChangeSubscriber<TSubscriber>(this IServiceCollection services)
        where TSubscriber : class, IChangeSubscriber
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSubscriber, TSubscriber>(provider => provider.GetRequiredService<TSubscriber>()));
        services.AddHostedService<ChangeListener>();
        return services;
    }
}
