global using Ingest.Api.Extensions;
global using SevenTaps.Contracts;
