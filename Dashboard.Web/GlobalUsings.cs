global using Dashboard.Web.Extensions;
