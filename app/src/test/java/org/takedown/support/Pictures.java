package org.takedown.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Benign generated pictures for tests that fetch or upload images. */
public final class Pictures {

    private Pictures() {}

    /** A 320x240 JPEG of gradients and shapes (PDQ quality well above 50). */
    public static byte[] photo() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.BLUE, 320, 240, Color.ORANGE));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillOval(60, 40, 120, 90);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(200, 120, 80, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
