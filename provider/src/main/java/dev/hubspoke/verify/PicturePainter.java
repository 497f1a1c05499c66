package dev.hubspoke.verify;

import dev.hubspoke.verify.PictureLayout.Block;
import dev.hubspoke.verify.PictureLayout.BlockKind;
import dev.hubspoke.verify.PictureLayout.FlowEdge;
import dev.hubspoke.verify.PictureLayout.Link;
import dev.hubspoke.verify.PictureLayout.Text;
import dev.hubspoke.verify.PictureLayout.TextStyle;
import org.jfree.svg.SVGHints;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link PictureLayout} on any {@link Graphics2D}: an image's for PNG, JFreeSVG's for SVG.
 * Flow edges leave a subnet by its top or bottom edge and enter the next block from above, so a
 * path between VPCs runs through the AZ header band rather than across the neighbouring subnets.
 * On SVG every flow edge is an element with id {@code egress-N} inside the group {@code egress},
 * so a drawing can be checked and styled.
 */
final class PicturePainter {

    static final Color PASS = Color.decode(DotWriter.PASS_COLOUR);
    static final Color FAIL = Color.decode(DotWriter.FAIL_COLOUR);
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);

    private final Map<TextStyle, Font> fonts = new EnumMap<>(TextStyle.class);

    /** A painter writing in {@code regular}, a font at size 1 (bold text is derived from it). */
    PicturePainter(Font regular) {
        fonts.put(TextStyle.TITLE, regular.deriveFont(Font.BOLD, 16f));
        fonts.put(TextStyle.HEADING, regular.deriveFont(Font.BOLD, 12.5f));
        fonts.put(TextStyle.BODY, regular.deriveFont(Font.PLAIN, 12f));
        fonts.put(TextStyle.SMALL, regular.deriveFont(Font.PLAIN, 10.5f));
    }

    Font font(TextStyle style) {
        return fonts.get(style);
    }

    void paint(PictureLayout layout, Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, layout.width(), layout.height()));
        g.setColor(INK);
        g.setFont(fonts.get(TextStyle.TITLE));
        g.drawString(layout.title(), (float) PictureLayout.PAD, (float) (PictureLayout.PAD + PictureLayout.LINE));
        // VPCs and hubs first, then the flows, then what sits inside them: a flow that crosses a
        // subnet passes behind it, so no line is ever drawn over a subnet's text.
        layout.blocks().stream().filter(b -> CONTAINERS.contains(b.kind())).forEach(b -> block(b, g));
        for (Link link : layout.links()) {
            link(layout, link, g);
        }
        g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, "egress");
        int n = 0;
        List<Point2D> faulty = new ArrayList<>();
        for (FlowEdge edge : layout.flows()) {
            g.setRenderingHint(SVGHints.KEY_ELEMENT_ID, "egress-" + n++);
            Point2D middle = flow(layout, edge, g);
            if (edge.faulty()) {
                faulty.add(middle);
            }
        }
        g.setRenderingHint(SVGHints.KEY_END_GROUP, "true");
        layout.blocks().stream().filter(b -> !CONTAINERS.contains(b.kind())).forEach(b -> block(b, g));
        for (Point2D at : faulty) {
            faultyHopLabel(at, g);
        }
    }

    private static final Set<BlockKind> CONTAINERS = EnumSet.of(BlockKind.SPOKE_VPC, BlockKind.INSPECTION_VPC, BlockKind.OTHER_VPC,
            BlockKind.TRANSIT_GATEWAY);

    private void block(Block block, Graphics2D g) {
        Rectangle2D r = block.box();
        switch (block.kind()) {
            case AZ_LABEL -> text(block, g, r.getX() + r.getWidth() / 2 - width(block.lines().get(0), g) / 2, r.getY() + 12, MUTED);
            case TIER_LABEL -> text(block, g, r.getX(), r.getY() + r.getHeight() / 2 + 4, MUTED);
            default -> {
                Style style = style(block.kind());
                var shape = new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), style.arc, style.arc);
                g.setColor(style.fill);
                g.fill(shape);
                g.setColor(style.border);
                g.setStroke(style.stroke);
                g.draw(shape);
                double y = r.getY() + (style.arc >= 10 && r.getHeight() < 30 ? 15 : 19);
                text(block, g, r.getX() + (r.getHeight() < 30 ? PictureLayout.PAD / 2 : PictureLayout.PAD), y, INK);
            }
        }
    }

    private void text(Block block, Graphics2D g, double x, double y, Color colour) {
        g.setColor(colour);
        for (Text line : block.lines()) {
            g.setFont(fonts.get(line.style()));
            g.drawString(line.text(), (float) x, (float) y);
            y += line.style() == TextStyle.SMALL ? PictureLayout.SMALL_LINE : PictureLayout.LINE;
        }
    }

    private double width(Text text, Graphics2D g) {
        return g.getFontMetrics(fonts.get(text.style())).getStringBounds(text.text(), g).getWidth();
    }

    private record Style(Color fill, Color border, Stroke stroke, double arc) {
    }

    private static Style style(BlockKind kind) {
        Stroke thin = new BasicStroke(1f);
        return switch (kind) {
            case SPOKE_VPC -> new Style(new Color(0xf7, 0xf9, 0xf4), new Color(0x5a, 0x7d, 0x3c), new BasicStroke(1.5f), 14);
            case INSPECTION_VPC -> new Style(new Color(0xfd, 0xf6, 0xf2), new Color(0xa0, 0x50, 0x30), new BasicStroke(1.5f), 14);
            case OTHER_VPC -> new Style(new Color(0xf6, 0xf6, 0xf6), Color.GRAY, new BasicStroke(1.5f), 14);
            case TRANSIT_GATEWAY -> new Style(new Color(0xee, 0xf3, 0xfb), new Color(0x3b, 0x63, 0xa8), new BasicStroke(1.5f), 14);
            case TGW_ROUTE_TABLE -> new Style(new Color(0xdb, 0xe7, 0xfa), new Color(0x3b, 0x63, 0xa8), thin, 8);
            case WORKLOAD_SUBNET -> new Style(new Color(0xff, 0xf8, 0xdc), Color.GRAY, thin, 8);
            case FIREWALL_ENDPOINT -> new Style(new Color(0xfb, 0xda, 0xda), new Color(0xb0, 0x30, 0x30), thin, 10);
            case NAT_GATEWAY -> new Style(new Color(0xfd, 0xe9, 0xd0), new Color(0xc0, 0x70, 0x20), thin, 10);
            case INTERNET_GATEWAY -> new Style(new Color(0xe3, 0xf4, 0xe3), new Color(0x2e, 0x7d, 0x32), new BasicStroke(1.5f), 12);
            default -> new Style(Color.WHITE, Color.GRAY, thin, 8);
        };
    }

    private void link(PictureLayout layout, Link link, Graphics2D g) {
        var from = layout.block(link.fromId());
        var to = layout.block(link.toId());
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        Rectangle2D a = from.get().box();
        Rectangle2D b = to.get().box();
        boolean rightwards = a.getCenterX() < b.getCenterX();
        double y = Math.max(a.getY(), b.getY()) + 28;
        double x1 = rightwards ? a.getMaxX() : a.getX();
        double x2 = rightwards ? b.getX() : b.getMaxX();
        double ya = Math.min(a.getMaxY() - 10, Math.max(a.getY() + 10, a.getCenterY()));
        double yb = Math.min(b.getMaxY() - 10, Math.max(y, b.getY() + 10));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 4f}, 0f));
        g.draw(new CubicCurve2D.Double(x1, ya, (x1 + x2) / 2, ya, (x1 + x2) / 2, yb, x2, yb));
    }

    /** Draws one hop; returns the middle of its line, where a label goes. */
    private Point2D flow(PictureLayout layout, FlowEdge edge, Graphics2D g) {
        Block from = layout.block(edge.fromId()).orElseThrow();
        Block to = layout.block(edge.toId()).orElseThrow();
        Rectangle2D a = from.box();
        Rectangle2D b = to.box();
        Point2D start;
        Point2D end;
        Point2D c1;
        Point2D c2;
        double bend = 40;
        if (Math.abs(a.getCenterX() - b.getCenterX()) > (a.getWidth() + b.getWidth()) / 2) {
            // Between columns: out of a side (or the top of a subnet), into the top of a subnet or the side of a hub table.
            boolean rightwards = a.getCenterX() < b.getCenterX();
            boolean fromTop = from.kind() == BlockKind.SUBNET || from.kind() == BlockKind.WORKLOAD_SUBNET;
            start = fromTop ? new Point2D.Double(a.getCenterX() + (rightwards ? 20 : -20), a.getY())
                    : new Point2D.Double(rightwards ? a.getMaxX() : a.getX(), a.getCenterY());
            c1 = fromTop ? new Point2D.Double(start.getX(), start.getY() - bend * 1.5) : new Point2D.Double(start.getX() + (rightwards ? bend * 2 : -bend * 2), start.getY());
            boolean intoSide = to.kind() == BlockKind.TGW_ROUTE_TABLE;
            end = intoSide ? new Point2D.Double(rightwards ? b.getX() : b.getMaxX(), b.getCenterY())
                    : new Point2D.Double(b.getCenterX() + (rightwards ? -20 : 20), b.getY());
            c2 = intoSide ? new Point2D.Double(end.getX() + (rightwards ? -bend * 2 : bend * 2), end.getY())
                    : new Point2D.Double(end.getX(), end.getY() - bend * 1.5);
        } else {
            // Down a column: along the right side, from badge to badge (NAT gateways, firewall endpoints sit
            // at the right of their subnet), keeping clear of the text on the left.
            start = new Point2D.Double(a.getMaxX(), a.getCenterY());
            c1 = new Point2D.Double(start.getX() + bend * 0.8, start.getY());
            if (to.kind() == BlockKind.INTERNET_GATEWAY) {
                // The gateway sits below the AZ columns: come in from the side that faces this one.
                boolean fromLeft = a.getCenterX() < b.getCenterX();
                end = new Point2D.Double(fromLeft ? b.getX() : b.getMaxX(), b.getCenterY());
                c2 = new Point2D.Double(end.getX() + (fromLeft ? -bend : bend), end.getY());
            } else {
                end = new Point2D.Double(b.getMaxX(), b.getCenterY());
                c2 = new Point2D.Double(end.getX() + bend * 0.8, end.getY());
            }
        }
        Color colour = edge.passed() ? PASS : FAIL;
        g.setColor(colour);
        g.setStroke(edge.passed() ? new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        var curve = new CubicCurve2D.Double(start.getX(), start.getY(), c1.getX(), c1.getY(), c2.getX(), c2.getY(), end.getX(), end.getY());
        g.draw(curve);
        arrowHead(g, c2, end);
        return new Point2D.Double((start.getX() + end.getX()) / 2 + 6, (start.getY() + end.getY()) / 2);
    }

    /** On a white ground: the label often lands on a subnet's text. */
    private void faultyHopLabel(Point2D at, Graphics2D g) {
        g.setFont(fonts.get(TextStyle.HEADING));
        Rectangle2D text = g.getFontMetrics().getStringBounds("faulty hop", g);
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(at.getX() - 3, at.getY() + text.getY() - 2, text.getWidth() + 6, text.getHeight() + 4, 6, 6));
        g.setColor(FAIL);
        g.drawString("faulty hop", (float) at.getX(), (float) at.getY());
    }

    private static void arrowHead(Graphics2D g, Point2D from, Point2D tip) {
        double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
        double size = 9;
        Path2D head = new Path2D.Double();
        head.moveTo(tip.getX(), tip.getY());
        head.lineTo(tip.getX() - size * Math.cos(angle - 0.4), tip.getY() - size * Math.sin(angle - 0.4));
        head.lineTo(tip.getX() - size * Math.cos(angle + 0.4), tip.getY() - size * Math.sin(angle + 0.4));
        head.closePath();
        g.setStroke(new BasicStroke(1f));
        g.fill(head);
    }
}
