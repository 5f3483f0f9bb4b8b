using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(user => user.UserId);
        builder.Property(user => user.UserId).HasColumnName("user_id");
        builder.Property(user => user.Ifi).HasColumnName("ifi");
        builder.Property(user => user.DisplayName).HasColumnName("display_name");
        builder.Property(user => user.Email).HasColumnName("email");
        builder.Property(user => user.Source).HasColumnName("source");
        builder.Property(user => user.FirstSeen).HasColumnName("first_seen");
        builder.Property(user => user.FirstStatementId).HasColumnName("first_statement_id");
        builder.Property(user => user.LastSeen).HasColumnName("last_seen");
        builder.Property(user => user.StatementId).HasColumnName("statement_id");
    }
}
