using System.Net;
using System.Net.Sockets;

namespace SevenTaps.AppHost.Hosting;

internal static class FreePort
{
    /// <summary>
    /// Asks the kernel for an unused loopback port. The port is released before the service binds it, so a
    /// race is possible in principle; ports come from the ephemeral range, where reuse within seconds is rare.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
