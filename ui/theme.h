#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

class QFormLayout;
class QFrame;
class QLabel;
class QPalette;
class QPushButton;
class QVBoxLayout;
class QWidget;

// The window's shared look: icons, spacing, colours for states, page headers and cards. Pages use
// these so every page has the same rhythm.
namespace Theme
{

// Spacing between related controls, and between sections and the page margin.
int spacing();
int sectionSpacing();
int pageMargin();

// The icon ":/icons/<name>.svg". Line icons drawn with "currentColor" take the palette's text colour,
// so they stay readable on light and dark palettes; every icon renders sharply at any size and DPI.
QIcon icon(const QString& name);
// The application icon (window, tray fallback, notifications).
QIcon appIcon();

// Colours that say how something went, readable on the current palette.
QColor positive(const QPalette& palette); // ok, running, price up
QColor negative(const QPalette& palette); // error, price down
QColor warning(const QPalette& palette); // degraded, needs attention
QColor muted(const QPalette& palette); // secondary text, stopped

// A page's title and one sentence that says what the page is for.
QWidget* pageHeader(const QString& title, const QString& subtitle, QWidget* parent = nullptr);
// A framed section with a title; add content to the returned layout.
QFrame* card(const QString& title, QVBoxLayout** content, QWidget* parent = nullptr);
// A label for secondary text (hints, explanations): muted colour, word-wrapped.
QLabel* hintLabel(const QString& text, QWidget* parent = nullptr);
// "●" in a colour followed by text, as rich text for a QLabel.
QString statusText(const QColor& color, const QString& text);

// Adds a form row with `button` ("Test connection") and, beside it, a selectable label for the
// sentence of its last outcome (named `outcomeName`); returns the label.
QLabel* addTestRow(QFormLayout* form, QPushButton* button, const QString& outcomeName);
// Shows an outcome sentence in such a label, in the ok or failure colour.
void showOutcome(QLabel* label, bool ok, const QString& sentence);

} // namespace Theme
