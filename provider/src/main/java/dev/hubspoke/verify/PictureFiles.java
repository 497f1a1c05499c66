package dev.hubspoke.verify;

import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a network as SVG (through JFreeSVG's Graphics2D) and PNG (through an image's Graphics2D
 * and ImageIO) from one layout and one painter, so the two pictures are the same. Neither needs
 * Graphviz, a display or fonts on the machine: the text is set in Liberation Sans, shipped in the
 * jar (see fonts/LICENSE-LiberationSans.txt), so widths measured for the layout hold everywhere.
 */
final class PictureFiles {

    static final String FONT = "dev/hubspoke/verify/fonts/LiberationSans-Regular.ttf";
    /** Fonts a browser falls back to for the SVG's text when Liberation Sans is not installed. */
    static final String SVG_FONT_FAMILY = "\"Liberation Sans\", Arial, Helvetica, sans-serif";
    /** PNG pixels per layout unit: sharp on high-density screens, readable when zoomed. */
    static final int PNG_SCALE = 2;

    private final PicturePainter painter;
    private final PictureLayout layout;

    private PictureFiles(Network network, Report report) {
        this.painter = new PicturePainter(font());
        var context = new FontRenderContext(null, true, true);
        this.layout = PictureLayout.of(network, report, (style, text) -> painter.font(style).getStringBounds(text, context).getWidth());
    }

    /** The pictures of {@code network} with the egress flows of {@code report}. */
    static PictureFiles of(Network network, Report report) {
        return new PictureFiles(network, report);
    }

    PictureLayout layout() {
        return layout;
    }

    /** The SVG document. */
    String svg() {
        var g = new SVGGraphics2D(layout.width(), layout.height());
        g.setFontFunction(font -> SVG_FONT_FAMILY);
        painter.paint(layout, g);
        return g.getSVGDocument();
    }

    /** The PNG image, {@value #PNG_SCALE} pixels per unit. */
    BufferedImage png() {
        var image = new BufferedImage((int) Math.ceil(layout.width() * PNG_SCALE), (int) Math.ceil(layout.height() * PNG_SCALE),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            painter.paint(layout, g);
        } finally {
            g.dispose();
        }
        return image;
    }

    void writeSvg(Path file) throws IOException {
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
    }

    void writePng(Path file) throws IOException {
        if (!ImageIO.write(png(), "png", file.toFile())) {
            throw new IOException("this Java has no PNG writer");
        }
    }

    private static Font font() {
        try (InputStream in = PictureFiles.class.getClassLoader().getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException(FONT + " is missing from the provider's class path");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(FONT + " is not a TrueType font", e);
        }
    }
}
