using Normalizer.Worker.Renormalization;

if (RenormalizeCommand.Handles(args))
{
    return await RenormalizeCommand.RunAsync(args);
}

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
return 0;
