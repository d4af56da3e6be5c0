using Jianxun.Testing;
namespace Jianxun.Publishing.Tests;

public sealed class ImageInfoTests
{
    [Fact]
    public void Read_Png_GivesSizeAndType()
    {
        var info = ImageInfo.Read(TestImages.Png(37, 21));

        Assert.Equal((37, 21, "image/png"), (info.Width, info.Height, info.MimeType));
    }

    [Fact]
    public void Read_JpegHeader_FindsSizeInStartOfFrame()
    {
        // SOI, an APP0 segment to skip, then SOF0 with height 300 and width 400.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0x90, 0x03, 0, 0, 0, 0, 0, 0];

        var info = ImageInfo.Read(jpeg);

        Assert.Equal((400, 300, "image/jpeg"), (info.Width, info.Height, info.MimeType));
    }

    [Fact]
    public void Read_NotAnImage_Throws()
    {
        Assert.Throws<ArgumentException>(() => ImageInfo.Read([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]));
    }
}
