"""The article's Keras model (section 5.1) as a complete program.

The model, compile and fit lines are the article's code. The article uses
x_train and y_train without defining them; the data below is the minimal
completion. Run with: python3 keras_model.py  (needs tensorflow)
"""
import numpy as np
import tensorflow as tf

# Data: 1,000 sequences of 20 random digits, one-hot (I = 10 per step).
# The label is the first digit, one-hot over 10 classes: the model must
# carry it across 19 more steps.
rng = np.random.default_rng(0)
digits = rng.integers(0, 10, size=(1000, 20))
x_train = np.eye(10, dtype='float32')[digits]        # [N, T, I]
y_train = np.eye(10, dtype='float32')[digits[:, 0]]  # [N, 10], one-hot

# Define the LSTM model
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(128, return_sequences=True),
    tf.keras.layers.LSTM(128),
    tf.keras.layers.Dense(10, activation='softmax')
])

# Compile the model
model.compile(loss='categorical_crossentropy', optimizer='adam',
              metrics=['accuracy'])

# Train the model
model.fit(x_train, y_train, epochs=10)
