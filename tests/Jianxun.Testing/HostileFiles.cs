using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Jianxun.Testing;

/// <summary>
/// The hostile-file corpus, made by the tests themselves (ADR-016): decompression bombs, nesting bombs, lying zips, huge
/// images with tiny files, truncations and polyglots. Every file is small on disk and cheap to make.
/// </summary>
public static class HostileFiles
{
    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """;

    private const string Rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;

    private const string DocumentStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""";
    private const string DocumentEnd = "</w:body></w:document>";

    /// <summary>A DOCX whose body is <paramref name="body"/> written by the callback, plus extra entries.</summary>
    public static byte[] Docx(Action<TextWriter> body, params (string Name, Action<Stream> Write)[] extra)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Text(zip, "[Content_Types].xml", ContentTypes);
            Text(zip, "_rels/.rels", Rels);
            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false)))
            {
                writer.Write(DocumentStart);
                body(writer);
                writer.Write(DocumentEnd);
            }

            foreach (var (name, write) in extra)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(stream);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The attack that killed the server: content controls nested <paramref name="depth"/> deep (6 KB at 50,000).</summary>
    public static byte[] DeepDocx(int depth = 50_000) => Docx(w =>
    {
        for (var i = 0; i < depth; i++)
        {
            w.Write("<w:sdt><w:sdtContent>");
        }

        w.Write("<w:p><w:r><w:t>深</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++)
        {
            w.Write("</w:sdtContent></w:sdt>");
        }
    });

    /// <summary>One paragraph of <paramref name="bytes"/> letters: 100 MB of XML in a few hundred KB.</summary>
    public static byte[] XmlBombDocx(long bytes = 100L * 1024 * 1024) => Docx(w =>
    {
        w.Write("<w:p><w:r><w:t>");
        var chunk = new string('简', 8192);
        for (long n = 0; n < bytes; n += chunk.Length * 3)
        {
            w.Write(chunk);
        }

        w.Write("</w:t></w:r></w:p>");
    });

    /// <summary>A valid small document carrying a media entry of <paramref name="bytes"/> zeros.</summary>
    public static byte[] MediaBombDocx(long bytes = 300L * 1024 * 1024) => Docx(Paragraphs, ("word/media/image1.png", s => Zeros(s, bytes)));

    /// <summary>Many XML elements, each tiny (a DOM bomb rather than a byte bomb).</summary>
    public static byte[] WideDocx(int paragraphs = 500_000) => Docx(w =>
    {
        for (var i = 0; i < paragraphs; i++)
        {
            w.Write("<w:p/>");
        }
    });

    /// <summary>A zip with <paramref name="entries"/> tiny entries besides the document.</summary>
    public static byte[] ManyEntriesDocx(int entries = 5_000) =>
        Docx(Paragraphs, [.. Enumerable.Range(0, entries).Select(i => ($"word/media/e{i}.bin", (Action<Stream>)(s => s.WriteByte(1))))]);

    /// <summary>
    /// The XML bomb again, with every local and central header claiming 1,000 bytes uncompressed: a guard that believed
    /// the declared sizes would let 20 MB through.
    /// </summary>
    public static byte[] LyingSizesDocx()
    {
        var zip = XmlBombDocx(20L * 1024 * 1024);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), 1000);
            }
            else if (signature == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), 1000);
            }
        }

        return zip;
    }

    /// <summary>A PNG header of <paramref name="width"/>×<paramref name="height"/> with real (1-bit, all black) pixel data: 16000² is ~100 KB.</summary>
    public static byte[] HugePng(int width = 16_000, int height = 16_000)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        return TestImages.AssemblePng(width, height, bitDepth: 1, colourType: 0, compressed.ToArray()); // 1-bit greyscale
    }

    /// <summary>A JPEG start whose frame header claims <paramref name="width"/>×<paramref name="height"/>, and no image data.</summary>
    public static byte[] HugeJpegHeader(int width = 60_000, int height = 60_000)
    {
        byte[] sof = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9];
        return sof;
    }

    /// <summary>A one-page PDF whose content stream inflates to <paramref name="bytes"/> spaces (1 GB in about 1 MB).</summary>
    public static byte[] StreamBombPdf(long bytes = 1L << 30)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (long n = 0; n < bytes; n += chunk.Length)
            {
                z.Write(chunk);
            }
        }

        return Pdf(1, compressed.ToArray(), "/Filter /FlateDecode");
    }

    /// <summary>A PDF with <paramref name="pages"/> empty pages.</summary>
    public static byte[] ManyPagesPdf(int pages = 1_000) => Pdf(pages, "BT ET"u8.ToArray(), string.Empty);

    /// <summary>A PDF whose page dictionary holds arrays nested <paramref name="depth"/> deep.</summary>
    public static byte[] DeepPdf(int depth = 50_000) => Pdf(1, "BT ET"u8.ToArray(), string.Empty, new string('[', depth) + new string(']', depth));

    /// <summary>
    /// The one bomb not made here: a mutated bulletin PDF (found by fuzzing, kept in tests/Jianxun.Text.Tests/Fixtures/Hostile)
    /// on which PdfPig 0.1.16's <c>GetPage</c> allocates gigabytes (ADR-016, ADR-019); copied beside every test host.
    /// </summary>
    public static byte[] PdfPigHangPdf() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Hostile", "fuzz-pdf-hang.pdf"));

    /// <summary>A JPEG that is also a DOCX (a zip appended after the image).</summary>
    public static byte[] Polyglot(byte[] image, byte[] zip) => [.. image, .. zip];

    /// <summary>The first <paramref name="fraction"/> of a file.</summary>
    public static byte[] Truncate(byte[] file, double fraction = 0.5) => file[..(int)(file.Length * fraction)];

    /// <summary>A PDF with <paramref name="pages"/> pages all sharing one content stream; offsets and xref are exact.</summary>
    private static byte[] Pdf(int pages, byte[] content, string filter, string extra = "")
    {
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Obj(string text)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Encoding.ASCII.GetBytes(text));
        }

        pdf.Write("%PDF-1.7\n"u8);
        Obj("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{4 + i} 0 R"));
        Obj($"2 0 obj\n<< /Type /Pages /Count {pages} /Kids [{kids}] >>\nendobj\n");
        offsets.Add(pdf.Position);
        pdf.Write(Encoding.ASCII.GetBytes($"3 0 obj\n<< /Length {content.Length} {filter} >>\nstream\n"));
        pdf.Write(content);
        pdf.Write("\nendstream\nendobj\n"u8);
        for (var i = 0; i < pages; i++)
        {
            Obj($"{4 + i} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /X {(extra.Length == 0 ? "0" : extra)} >>\nendobj\n");
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Encoding.ASCII.GetBytes(table.ToString()));
        return pdf.ToArray();
    }

    private static void Paragraphs(TextWriter w) => w.Write("<w:p><w:r><w:t>正文</w:t></w:r></w:p>");

    private static void Text(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static void Zeros(Stream stream, long bytes)
    {
        var chunk = new byte[1 << 20];
        for (long n = 0; n < bytes; n += chunk.Length)
        {
            stream.Write(chunk);
        }
    }
}
