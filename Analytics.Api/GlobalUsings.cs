global using Analytics.Api.Extensions;
global using SevenTaps.Contracts;
