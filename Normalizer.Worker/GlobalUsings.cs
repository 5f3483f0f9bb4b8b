global using Normalizer.Worker.Extensions;
