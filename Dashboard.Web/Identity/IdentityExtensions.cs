using Microsoft.AspNetCore.Identity;
using SevenTaps.Audit;

namespace Dashboard.Web.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Users and roles in <see cref="IdentityContext"/>, with our password and lockout rules, and their audited changes:
    /// what both the web app and the <c>users</c> command need.
    /// </summary>
    public static IdentityBuilder AddDashboardIdentityCore(this IServiceCollection services)
    {
        services.AddAuditWriter();
        services.AddScoped<AuditedUserChange>();
        return services.AddIdentityCore<IdentityUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B); composition rules mostly yield "Password1!".
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityContext>();
    }

    /// <summary>Creates the roles that do not exist yet.</summary>
    public static async Task EnsureRolesAsync(this RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Creates a user with one role; the errors Identity reports (weak password, taken e-mail) as an exception.</summary>
    public static async Task<IdentityUser> CreateWithRoleAsync(this UserManager<IdentityUser> users, string email, string password, string role)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; roles: {string.Join(", ", Roles.All)}.");
        }
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
        }
    }
}
