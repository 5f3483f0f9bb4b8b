global using Gateway.Extensions;
global using Gateway.Security;
global using Gateway.Health;
