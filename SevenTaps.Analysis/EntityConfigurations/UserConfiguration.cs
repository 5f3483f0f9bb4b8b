using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using Users = SevenTaps.Analysis.AnalysisSchema.Users;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable(Users.Name);
        builder.HasKey(user => user.UserId);
        builder.Property(user => user.UserId).HasColumnName(Users.UserId);
        builder.Property(user => user.Ifi).HasColumnName(Users.Ifi);
        builder.Property(user => user.DisplayName).HasColumnName(Users.DisplayName);
        builder.Property(user => user.Email).HasColumnName(Users.Email);
        builder.Property(user => user.Source).HasColumnName(Users.Source);
        builder.Property(user => user.FirstSeen).HasColumnName(Users.FirstSeen);
        builder.Property(user => user.FirstStatementId).HasColumnName(Users.FirstStatementId);
        builder.Property(user => user.LastSeen).HasColumnName(Users.LastSeen);
        builder.Property(user => user.StatementId).HasColumnName(Users.StatementId);
    }
}
