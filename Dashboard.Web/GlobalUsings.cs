global using Dashboard.Web.Extensions;
global using SevenTaps.Contracts;
