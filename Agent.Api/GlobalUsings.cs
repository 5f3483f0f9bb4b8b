global using Agent.Api.Extensions;
global using SevenTaps.Contracts;
