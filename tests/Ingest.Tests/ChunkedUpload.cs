using System.Net.Sockets;

namespace Ingest.Tests;

/// <summary>
/// A chunked HTTP/1.1 POST over a plain socket that stops sending as soon as the server answers. A server refusing a
/// body part-way answers and closes the connection; HttpClient keeps writing, fails on the broken pipe and never
/// reads the answer waiting in its receive buffer, so it cannot show what the server said.
/// </summary>
public static class ChunkedUpload
{
    private const int ChunkSize = 64 * 1024;

    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers);

    public static async Task<Answer> PostAsync(Uri server, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));

        try
        {
            for (var offset = 0; offset < body.Length && !tcp.Client.Poll(0, SelectMode.SelectRead); offset += ChunkSize)
            {
                var length = Math.Min(ChunkSize, body.Length - offset);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
                await stream.WriteAsync(body.AsMemory(offset, length));
                await stream.WriteAsync("\r\n"u8.ToArray());
            }
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server closed while a chunk was on its way; its answer is already in the receive buffer.
        }
        return Parse(await ReadHeadAsync(stream));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (!Encoding.ASCII.GetString([.. received]).Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            received.AddRange(buffer.AsSpan(0, read));
        }
        return Encoding.ASCII.GetString([.. received]);
    }

    private static Answer Parse(string head)
    {
        var lines = head.Split("\r\n\r\n")[0].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new Answer(status, headers);
    }
}
