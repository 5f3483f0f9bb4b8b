global using Analytics.Api.Extensions;
global using SevenTaps.Contracts;
global using SevenTaps.Analysis.Summaries;
global using SevenTaps.Analysis;
