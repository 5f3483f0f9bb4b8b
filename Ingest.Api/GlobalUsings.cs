global using Ingest.Api.Extensions;
