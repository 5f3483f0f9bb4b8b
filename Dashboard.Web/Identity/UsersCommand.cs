using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SevenTaps.Audit;

namespace Dashboard.Web.Identity;

/// <summary>
/// <c>users create --email E [--role admin|analyst|viewer]</c> / <c>users list</c>, against the database named by
/// <c>ConnectionStrings__seventaps</c>. The password comes from <c>SEVENTAPS_USER_PASSWORD</c>, or is generated and
/// shown once. A creation leaves an audit record naming the operating-system account that ran the command.
/// </summary>
public static class UsersCommand
{
    public const string Verb = "users";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = CommandLineHost.Create<IdentityContext>(ResourceNames.Database, IdentityContextOptions.Configure,
            services => services.AddDashboardIdentityCore());
        if (host is null)
        {
            return 2;
        }
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().EnsureRolesAsync();
        string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

        switch (args.ElementAtOrDefault(1))
        {
            case "create" when Option("--email") is { } email:
                var given = Environment.GetEnvironmentVariable("SEVENTAPS_USER_PASSWORD");
                var password = given is { Length: > 0 } ? given : Convert.ToBase64String(RandomNumberGenerator.GetBytes(15));
                var role = Option("--role") ?? Roles.Viewer;
                try
                {
                    await scope.ServiceProvider.GetRequiredService<AuditedUserChange>().RunAsync(AuditActor.Command(),
                        new AuditEvent(AuditActions.UserCreate, email, AuditOutcomes.Succeeded, $"role {role}"),
                        manager => manager.CreateWithRoleAsync(email, password, role));
                }
                catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 1;
                }
                Console.WriteLine($"Created {email} with role {role}.");
                if (given is not { Length: > 0 })
                {
                    Console.WriteLine($"password: {password}");
                    Console.WriteLine("Shown once: only a hash is stored.");
                }
                return 0;
            case "list":
                foreach (var user in await users.Users.OrderBy(user => user.Email).ToListAsync())
                {
                    Console.WriteLine($"{user.Email}\t{string.Join(",", await users.GetRolesAsync(user))}");
                }
                return 0;
            default:
                await Console.Error.WriteLineAsync($"usage: users create --email EMAIL [--role {string.Join("|", Roles.All)}] | users list");
                return 2;
        }
    }
}
