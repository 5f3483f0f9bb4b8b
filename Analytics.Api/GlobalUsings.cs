global using Analytics.Api.Extensions;
