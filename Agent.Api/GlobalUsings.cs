global using Agent.Api.Extensions;
